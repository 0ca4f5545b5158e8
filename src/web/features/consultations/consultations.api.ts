// Types of the consultation API as the web sees it.
export type ConsultationStatus = 'awaiting_payment' | 'waiting' | 'active' | 'closed' | 'expired' | 'cancelled';

export interface Consultation {
  id: string;
  status: ConsultationStatus;
  department: string;
  departmentName: string;
  patient: { id: string; displayName: string };
  doctor: { id: string; displayName: string; title: string | null } | null;
  description: string;
  age: number | null;
  sex: string | null;
  duration: string | null;
  redFlags: string[];
  price: number;
  amountDue: number;
  currency: string;
  free: boolean;
  conversationId: string;
  createdAt: string;
  queuedAt: string | null;
  replyDeadline: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  summary: string | null;
  advice: string | null;
  rating: { stars: number; comment: string | null; ratedAt: string } | null;
  refundNote: string | null;
}

export interface Quote {
  department: string;
  price: number;
  currency: string;
  free: boolean;
  amountDue: number;
  replyPromiseSeconds: number;
  onlineDoctors: number;
  waiting: number;
}

export interface QueueItem {
  id: string;
  department: string;
  description: string;
  age: number | null;
  sex: string | null;
  duration: string | null;
  redFlags: string[];
  free: boolean;
  price: number;
  currency: string;
  addressedToMe: boolean;
  waitingSeconds: number;
}

export const EMERGENCY_BY_LOCALE: Record<string, string> = { zh: '120', fr: '15', en: '911' };
