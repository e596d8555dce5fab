import type { Clock } from '../clock.js';
import { civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { doneStillCurrent } from '../domain/item-state.js';
import { textKey } from '../domain/text-key.js';
import type { ParsedStatusReply } from '../domain/status-reply.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Member } from '../store/member-repo.js';
import type { Task } from '../store/plan-repo.js';
import { planEnded, stillOwed } from './task-service.js';
import type { StatusEvent } from '../store/status-repo.js';
import type { Report } from '../store/report-repo.js';
import type { Store } from '../store/store.js';
import type { ReminderPlanner } from './reminder-planner.js';

/** How long a file sent with a caption that was asked back waits for the member's answer. */
export const HELD_EVIDENCE_MS = 30 * 60_000;

export type TaskLookup = { kind: 'one'; task: Task } | { kind: 'many'; tasks: Task[] } | { kind: 'none' };

export type RecordError =
  | { code: 'not_assigned' }
  | { code: 'not_lead_for_extension' }
  /** An ongoing task ("Thường xuyên") with no date in force: there is no deadline to extend. */
  | { code: 'no_deadline_to_extend' }
  | { code: 'already_done' }
  /** The agency's earlier request for this task still waits for Sở Nội vụ: one pending request per item; replacing it is asked. */
  | { code: 'extension_pending'; request: StatusEvent }
  /** The lead agency reported it done before; a reply saying otherwise is confirmed first. */
  | { code: 'reopens_done'; doneAt: string }
  /** A progress figure lower than the one the agency last reported (84% → 60%): a slip or a real setback, confirmed first. */
  | { code: 'progress_drop'; from: number };

/** Status replies: finding the task a reply names, recording it as an event, extension decisions. */
export class StatusService {
  /** Told the kind of every reply recorded (done, in_progress, blocked, extension_requested, contribution, report): /metrics. */
  onRecorded: ((kind: string) => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly planner: ReminderPlanner,
    private readonly timeZone: string,
  ) {}

  /**
   * The task a typed code names for this member: an exact code first, else a code ending in it
   * ("3.17" → "I.3.17"); tasks of the member's agency win; several left means ask back.
   */
  findTask(member: Member, typed: string): TaskLookup {
    const { plans } = this.store;
    const candidates = plans.tasksByRef(typed);
    if (candidates.length === 0) return { kind: 'none' };
    const mine = candidates.filter((t) => plans.assignments(t.id).some((a) => a.agencyId === member.agencyId));
    const assigned = mine.length > 0 ? mine : candidates;
    // A past plan's task that is not still owed (its "Thường xuyên" duty, an undated or finished task) does not
    // compete with this year's task of the same code; a past task still owed does, and is asked about.
    const today = civilDateOf(this.clock.now(), this.timeZone);
    const live = assigned.filter((t) => {
      if (!planEnded(plans.planById(t.planId), today)) return true;
      const view = plans.tasksForAgency(member.agencyId, t.id)[0];
      return view !== undefined && stillOwed(view);
    });
    const pool = live.length > 0 ? live : assigned;
    return pool.length === 1 ? { kind: 'one', task: pool[0]! } : { kind: 'many', tasks: pool.slice(0, 8) };
  }

  /** An active task by id (a button's "t12"). */
  task(id: number): Task | undefined {
    return this.store.plans.taskById(id);
  }

  /** The member's latest status event since `since` (what a file sent just after belongs to). */
  latestEventSince(member: Member, since: Date): StatusEvent | undefined {
    return this.store.statuses.latestByMemberSince(member.id, since.toISOString());
  }

  /** Holds a file sent with a caption that was asked back: it waits for the member's answer (30 minutes). */
  holdEvidence(member: Member, platform: string, file: { ref: string; name: string; mimeType: string | null; size: number }): void {
    this.store.statuses.holdEvidence({ memberId: member.id, platform, fileRef: file.ref, fileName: file.name, mimeType: file.mimeType, size: file.size, createdAt: this.clock.now().toISOString() });
  }

  /** Attaches the files the member sent in the last 30 minutes with a caption that was asked back; their names. */
  attachHeldEvidence(member: Member, event: StatusEvent): string[] {
    const now = this.clock.now();
    return this.store.transaction(() =>
      this.store.statuses.attachHeld(member.id, event.id, new Date(now.getTime() - HELD_EVIDENCE_MS).toISOString(), now.toISOString()),
    );
  }

  /** Keeps a file sent in chat as evidence of an event; returns what the event was about ("nhiệm vụ I.3.4"). */
  attachEvidence(event: StatusEvent, member: Member, platform: string, file: { ref: string; name: string; mimeType: string | null; size: number }): { kind: 'task' | 'report'; code: string } {
    this.store.statuses.attachEvidence({
      eventId: event.id,
      platform,
      fileRef: file.ref,
      fileName: file.name,
      mimeType: file.mimeType,
      size: file.size,
      memberId: member.id,
      createdAt: this.clock.now().toISOString(),
    });
    return { kind: event.itemKind, code: this.itemCode(event) };
  }

  /** The code of the task or report an event is about ("I.3.4", "6T"), or its id if it is gone. */
  private itemCode(event: StatusEvent): string {
    const code = event.itemKind === 'task' ? this.store.plans.taskById(event.itemId)?.code : this.store.reports.byId(event.itemId)?.code;
    return code ?? String(event.itemId);
  }

  /** A task's status events, oldest first, with who sent each and the files kept with it. */
  history(task: Task): (StatusEvent & { agencyName: string; memberName: string | null; files: string[] })[] {
    const { agencies, members, statuses } = this.store;
    const names = new Map(agencies.list().map((a) => [a.id, a.name]));
    return statuses.history('task', task.id).map((e) => ({
      ...e,
      agencyName: names.get(e.agencyId) ?? '',
      memberName: e.memberId ? (members.byId(e.memberId)?.displayName ?? null) : null,
      files: statuses.evidenceOf(e.id).map((f) => f.fileName),
    }));
  }

  /** Reports the member's agency owes in `year` (and the year before) and has not yet submitted. */
  openReports(member: Member, year: number): Report[] {
    const { reports, statuses } = this.store;
    return reports.forAgency(member.agencyId, `${year - 1}-01-01`, `${year}-12-31`).filter((r) => statuses.state('report', r.id, member.agencyId)?.status !== 'done');
  }

  /** The report a typed reference names for this member: a button's "r12", an open report's code, or a code of `year`. */
  findReport(member: Member, typed: string, year: number, yearGiven: boolean): { kind: 'one'; report: Report } | { kind: 'many'; reports: Report[] } | { kind: 'none' } {
    const byRef = /^r(\d+)$/i.exec(typed);
    if (byRef) {
      const report = this.store.reports.byId(Number(byRef[1]));
      return report ? { kind: 'one', report } : { kind: 'none' };
    }
    // A code the agency still owes for two years (last year's yearly report and this year's) names neither
    // unless the year is given: the candidates are returned for the member to choose, never the older one picked.
    const owed = this.openReports(member, year).filter((r) => textKey(r.code) === textKey(typed) && (!yearGiven || r.year === year));
    if (owed.length > 1) return { kind: 'many', reports: owed };
    const report = owed[0] ?? this.store.reports.byCode(typed, year);
    return report ? { kind: 'one', report } : { kind: 'none' };
  }

  /** The member's agency's role on a task, if any. */
  roleOn(member: Member, taskId: number): 'lead' | 'coord' | null {
    const roles = this.store.plans.assignments(taskId).filter((a) => a.agencyId === member.agencyId).map((a) => a.role);
    return roles.includes('lead') ? 'lead' : roles.includes('coord') ? 'coord' : null;
  }

  /**
   * Records a reply about a task: the lead agency's reply moves the task's state; a coordinating
   * agency's reply is kept as its contribution and never closes the lead's task.
   */
  recordTask(
    member: Member,
    platform: string,
    task: Task,
    reply: ParsedStatusReply,
    /**
     * `confirmed`: the member confirmed a reply that was asked back — one that undoes a done still
     * answering, or progress going back (84% → 60%). `replaces`: the id of the agency's waiting
     * request this one replaces (the member confirmed it).
     */
    options: { confirmed?: boolean; replaces?: number } = {},
  ): Result<{ event: StatusEvent; role: 'lead' | 'coord'; replaced: StatusEvent | null }, RecordError> {
    const role = this.roleOn(member, task.id);
    if (!role) return err({ code: 'not_assigned' });
    if (reply.status === 'extension_requested' && role !== 'lead') return err({ code: 'not_lead_for_extension' });
    // Approved, such a request would give an ongoing duty a hard date ("Thường xuyên" and "hạn 31/01/2027" side by side).
    if (reply.status === 'extension_requested' && task.deadlineKind === 'ongoing' && (this.store.plans.tasksForAgency(member.agencyId, task.id)[0]?.dates ?? []).length === 0) {
      return err({ code: 'no_deadline_to_extend' });
    }
    // Never two requests waiting for one item: Sở Nội vụ would get both and could approve either.
    const waiting = reply.status === 'extension_requested' ? this.waitingExtension(member.agencyId, task.id) : null;
    if (waiting && options.replaces !== waiting.id) return err({ code: 'extension_pending', request: waiting });
    const current = this.store.statuses.state('task', task.id, member.agencyId);
    let keepsDone = false;
    if (role === 'lead' && current?.doneAt) {
      // A done for an earlier date (quý I's, now in quý II) is history: every reply is about the next
      // date and is recorded as it is — a new done, an extension request, and "đang làm" or a problem,
      // which leave that done covering the earlier date (`keepsDone`). While the done still answers,
      // a second done is refused and a reply saying otherwise is confirmed first ("đang làm 70%"
      // after "xong": one is a slip); confirmed, it undoes the done.
      const history = !this.doneStillCurrent(task, member.agencyId, current.doneAt);
      if (current.status === 'done' && !history) {
        if (reply.status === 'done') return err({ code: 'already_done' });
        if (!options.confirmed) return err({ code: 'reopens_done', doneAt: current.doneAt });
      }
      keepsDone = history && (reply.status === 'in_progress' || reply.status === 'blocked');
    }
    // Progress going back (84% → 60%, 95% → 0%) is stored only when confirmed: one of the two figures is a slip.
    if (role === 'lead' && !options.confirmed && reply.status === 'in_progress' && reply.progress !== null && current?.status === 'in_progress' && current.progress !== null && reply.progress < current.progress) {
      return err({ code: 'progress_drop', from: current.progress });
    }
    const event = this.store.statuses.append({
      itemKind: 'task',
      itemId: task.id,
      agencyId: member.agencyId,
      memberId: member.id,
      platform,
      status: role === 'coord' && reply.status !== 'extension_requested' ? 'contribution' : reply.status,
      progress: reply.progress,
      reason: reply.reason,
      evidence: reply.evidence,
      requestedDate: reply.requestedDate,
      // A replacing request refers to the one it replaces: that one is no longer waiting for a decision.
      refersTo: waiting?.id ?? null,
      createdAt: this.clock.now().toISOString(),
      keepsDone,
    });
    this.onRecorded?.(event.status);
    return ok({ event, role, replaced: waiting });
  }

  /** The agency's extension request for a task still waiting for Sở Nội vụ's decision (none: null). */
  waitingExtension(agencyId: number, taskId: number): StatusEvent | null {
    return this.store.statuses.undecidedExtensions(agencyId).findLast((e) => e.itemKind === 'task' && e.itemId === taskId) ?? null;
  }

  /** Does the agency's recorded done still answer for the task today (`doneStillCurrent`, on its dates in force)? */
  private doneStillCurrent(task: Task, agencyId: number, doneAt: string): boolean {
    const dates = this.store.plans.tasksForAgency(agencyId, task.id)[0]?.dates ?? [];
    return doneStillCurrent(dates, civilDateOf(new Date(doneAt), this.timeZone), civilDateOf(this.clock.now(), this.timeZone));
  }

  /** Records a report submission (on time or late is decided by its time against the due date). */
  submitReport(member: Member, platform: string, reportId: number, evidence: string | null): Result<StatusEvent, 'not_owed' | 'already_done'> {
    if (!this.store.reports.owes(reportId, member.agencyId)) return err('not_owed');
    if (this.store.statuses.state('report', reportId, member.agencyId)?.status === 'done') return err('already_done');
    const event = this.store.statuses.append({
      itemKind: 'report',
      itemId: reportId,
      agencyId: member.agencyId,
      memberId: member.id,
      platform,
      status: 'done',
      progress: 100,
      reason: null,
      evidence,
      createdAt: this.clock.now().toISOString(),
    });
    this.onRecorded?.('report');
    return ok(event);
  }

  /**
   * The extension requests waiting for Sở Nội vụ's decision, oldest first (an agency's only with
   * `agencyId`), each with its item's code and title, the agency and who asked: the web's Gia hạn page.
   */
  undecidedExtensions(agencyId?: number): (StatusEvent & { itemCode: string; itemTitle: string; agencyName: string; memberName: string | null })[] {
    const { statuses, agencies, members, plans, reports } = this.store;
    return statuses.undecidedExtensions(agencyId).map((e) => {
      const task = e.itemKind === 'task' ? plans.taskById(e.itemId) : undefined;
      const report = e.itemKind === 'report' ? reports.byId(e.itemId) : undefined;
      return {
        ...e,
        itemCode: this.itemCode(e),
        itemTitle: task ? `${task.task}${task.activity ? ` — ${task.activity}` : ''}` : (report?.title ?? ''),
        agencyName: agencies.byId(e.agencyId)?.name ?? String(e.agencyId),
        memberName: e.memberId ? (members.byId(e.memberId)?.displayName ?? null) : null,
      };
    });
  }

  /** Approves or rejects an extension request; approval moves that agency's due date and re-plans. */
  decide(
    admin: Member,
    requestId: number,
    approve: boolean,
    note: string | null,
    /** The platform the admin decided on (the audit log's "via"). */
    via = 'chat',
  ): Result<{ request: StatusEvent; newDate: CivilDate | null; itemCode: string; requester: Member | undefined }, 'not_found' | 'already_decided' | 'replaced'> {
    const request = this.store.statuses.byId(requestId);
    if (!request || request.status !== 'extension_requested') return err('not_found');
    const later = this.store.statuses.history(request.itemKind, request.itemId).filter((e) => e.refersTo === requestId);
    if (later.some((e) => e.status === 'extension_approved' || e.status === 'extension_rejected')) return err('already_decided');
    // The agency replaced it by a newer request (the admin's buttons under the old notice still show).
    if (later.some((e) => e.status === 'extension_requested')) return err('replaced');
    this.store.statuses.append({
      itemKind: request.itemKind,
      itemId: request.itemId,
      agencyId: request.agencyId,
      memberId: admin.id,
      platform: null,
      status: approve ? 'extension_approved' : 'extension_rejected',
      progress: null,
      reason: note,
      evidence: null,
      requestedDate: approve ? request.requestedDate : null,
      refersTo: requestId,
      createdAt: this.clock.now().toISOString(),
    });
    const itemCode = this.itemCode(request);
    this.store.audit.append(
      { actorMemberId: admin.id, via, action: 'extension_decision', target: `${request.itemKind}:${itemCode}`, detail: { request: requestId, approved: approve, agency: this.store.agencies.byId(request.agencyId)?.code ?? null, newDate: approve ? request.requestedDate : null } },
      this.clock.now(),
    );
    if (approve) this.planner.replan();
    const requester = request.memberId ? this.store.members.byId(request.memberId) : undefined;
    return ok({ request, newDate: approve ? request.requestedDate : null, itemCode, requester });
  }
}
