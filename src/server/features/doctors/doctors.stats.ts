// Public trust figures on a doctor's profile: consultations closed, the average rating with
// its count (the average only from RATING_THRESHOLD ratings up, so two friends cannot make a
// doctor look perfect), and the median time to a first reply. The figures come from the
// consultations feature through a provider registered in app.ts: doctors never read its tables.
import { RATING_THRESHOLD, type DoctorStats } from '../../../shared/contracts/doctors.ts';

export { RATING_THRESHOLD };


/** What the consultations feature measures for one doctor. */
export interface DoctorFigures {
  consultations: number;
  ratings: number[];
  firstReplySeconds: number[];
}

export type DoctorFiguresProvider = (doctorIds: string[]) => Promise<Map<string, DoctorFigures>>;

export function statsOf(figures: DoctorFigures | undefined): DoctorStats {
  const f = figures ?? { consultations: 0, ratings: [], firstReplySeconds: [] };
  const sorted = [...f.firstReplySeconds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length === 0 ? null : Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
  const average = f.ratings.length >= RATING_THRESHOLD ? Math.round((f.ratings.reduce((a, b) => a + b, 0) / f.ratings.length) * 10) / 10 : null;
  return { consultations: f.consultations, ratingAverage: average, ratingCount: f.ratings.length, medianFirstReplySeconds: median };
}
