import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { OnboardingService } from './onboarding-service.js';

/** Everything a command handler may call; built once and passed in (no globals). */
export interface Services {
  store: Store;
  clock: Clock;
  logger: Logger;
  onboarding: OnboardingService;
  settings: { provinceName: string; timeZone: string; inviteTtlHours: number };
}

/** Wires the services over a store, clock and logger. */
export function createServices(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: Services['settings'];
}): Services {
  return {
    ...deps,
    onboarding: new OnboardingService(deps.store, deps.clock, deps.settings.inviteTtlHours),
  };
}
