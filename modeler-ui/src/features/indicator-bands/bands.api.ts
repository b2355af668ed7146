/** The TT 01/2018 point bands: read and set by an administrator. */
import { api, type Message } from '../../app/api.ts';

export interface Band {
  two: number;
  one: number;
}
export interface IndicatorBands {
  indicators: Record<string, Band>;
  grades: { excellent: number; good: number; fair: number };
}
export interface BandsInForce {
  version: number;
  bands: IndicatorBands;
  setAt: string | null;
  setBy: string | null;
  names: Record<string, Message>;
  gradeNames: Record<'excellent' | 'good' | 'fair' | 'poor', Message>;
}

export const bandsApi = {
  get: () => api.get<BandsInForce>('/reports/indicators/bands'),
  set: (bands: IndicatorBands) => api.put<BandsInForce>('/reports/indicators/bands', bands),
};
