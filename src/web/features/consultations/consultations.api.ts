// Types of the consultation API as the web sees it (the consultation itself is shared with the server).
import type { WhoCanAnswer } from '../../../shared/jurisdictions.ts';
export type { ConsultationStatus, ConsultationView as Consultation } from '../../../shared/consultations.ts';

export interface Quote {
  department: string;
  price: number;
  currency: string;
  free: boolean;
  amountDue: number;
  replyPromiseSeconds: number;
  replyDeadlineIfAskedNow: string;
  onlineDoctors: number;
  onlineElsewhere: Array<{ department: string; name: string; onlineDoctors: number }>;
  waiting: number;
  whoCanAnswer: WhoCanAnswer;
}

export interface QueueItem {
  id: string;
  department: string;
  description: string;
  age: number | null;
  sex: string | null;
  duration: string | null;
  redFlags: string[];
  redFlagNotes: string[];
  free: boolean;
  price: number;
  amountDue: number;
  doctorEarns: number;
  currency: string;
  addressedToMe: boolean;
  reopened?: { followUpId: string; checkIn: boolean };
  waitingSeconds: number;
}

export const EMERGENCY_BY_LOCALE: Record<string, string> = { zh: '120', fr: '15', en: '911' };
