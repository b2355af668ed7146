/** The payment api: the fee before submission, a dossier's payment, paying online, the officer's counter payment and exemptions. */
import { api } from '../../app/api.ts';

export interface FeeLine {
  code: string;
  name: string;
  unitAmount: number;
  quantity: number;
  amount: number;
}

export interface FeeQuote {
  payAt: 'before_handling' | 'before_return';
  lines: FeeLine[];
  total: number;
  exemptions: { code: string; name: string; evidence: string }[];
}

export interface PaymentView {
  quote: FeeQuote;
  payment: {
    status: 'due' | 'paid' | 'exempted' | 'refund_due';
    stage: FeeQuote['payAt'];
    grossAmount: number;
    amount: number;
    lines: FeeLine[];
    method: 'online' | 'counter' | null;
    paidAt: string | null;
    receiptNo: string | null;
    exemption: { code: string; name: string; evidence: string; note: string | null } | null;
    refundReason: string | null;
  } | null;
  canPayOnline: boolean;
}

export const paymentApi = {
  quote: (code: string, data: Record<string, unknown>) =>
    api.post<{ quote: FeeQuote | null; onlinePayment: boolean }>(`/procedures/${encodeURIComponent(code)}/fee-quote`, { data }),
  of: (dossierId: string) => api.get<PaymentView>(`/dossiers/${dossierId}/payment`),
  payOnline: (dossierId: string, locale: 'vi' | 'en') => api.post<{ redirectUrl: string }>(`/dossiers/${dossierId}/payment/online`, { locale }),
  readReturn: (query: string) =>
    api.get<{ dossierId: string; succeeded: boolean; responseCode: string; recorded: string; paymentStatus: string | null }>(`/payments/vnpay/return?${query}`),
  counter: (dossierId: string, amount: number) => api.post<PaymentView>(`/workspace/dossiers/${dossierId}/payment/counter`, { amount }),
  exempt: (dossierId: string, exemption: string, note: string) =>
    api.post<PaymentView>(`/workspace/dossiers/${dossierId}/payment/exemption`, note ? { exemption, note } : { exemption }),
  receiptUrl: (dossierId: string) => `/api/dossiers/${dossierId}/payment/receipt`,
};

/** 16000 → "16.000 đ" */
export const dong = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
