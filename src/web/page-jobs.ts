/**
 * The dashboard pages that read the whole province, as plain data that crosses to the page thread
 * (page-thread.ts), and their rendering: the same call in the thread and in place.
 */
import type { CommandServices, Services } from '../app/services.js';
import { Html } from './html.js';
import { matrixPage, overduePage, overviewPage, type Frame, type MatrixFilters, type PageResult } from './pages.js';
import { scoresPage } from './score-page.js';

export type PageJob =
  | { page: 'overview'; frame: Frame; agencyId: number | undefined }
  | { page: 'overdue'; frame: Frame; agencyId: number | undefined; pageNo: number | undefined }
  | { page: 'matrix'; frame: Frame; agencyId: number | undefined; filters: MatrixFilters }
  | { page: 'scores'; frame: Frame; agencyId: number | undefined; /** The URL's query string. */ query: string };

/** What the page thread starts with: the database file, the province's data folder, the chat process's settings. */
export interface PageThreadData {
  dbPath: string;
  dataDir: string;
  settings: Services['settings'];
}

export type PageThreadAnswer = { id: number; ok: true; status: number; text: string } | { id: number; ok: false; error: string };

/** Renders a page job with these services. */
export function renderPage(services: CommandServices, job: PageJob): PageResult {
  const out = (() => {
    switch (job.page) {
      case 'overview':
        return overviewPage(services, job.frame, job.agencyId);
      case 'overdue':
        return overduePage(services, job.frame, job.agencyId, job.pageNo);
      case 'matrix':
        return matrixPage(services, job.frame, job.agencyId, job.filters);
      case 'scores':
        return scoresPage(services, job.frame, job.agencyId, new URLSearchParams(job.query));
    }
  })();
  return out instanceof Html ? { status: 200, body: out } : out;
}
