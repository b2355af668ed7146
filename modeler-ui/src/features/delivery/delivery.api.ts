/** The result's return as the portal and the workspace read and act on it. */
import { api, upload } from '../../app/api.ts';
import type { DossierView } from '../my-dossiers/dossiers.api.ts';

export type ResultChannel = 'online' | 'counter' | 'post';

export interface PostalAddress {
  recipientName: string;
  phone: string;
  street: string;
  ward: string;
  province: string;
}

export interface ResultDeliveryChoice {
  channel: ResultChannel;
  address?: PostalAddress;
}

export interface DeliveryView {
  channel: ResultChannel;
  channelName: { vi: string; en: string };
  state: string;
  stateName: { vi: string; en: string };
  address: PostalAddress | null;
  attempt: number;
  trackingNumber: string | null;
  postalStatus: string | null;
  recipient: { kind: 'applicant' | 'authorised'; fullName: string; authorisation: string | null } | null;
  readyAt: string | null;
  deliveredAt: string | null;
  actions: ('hand_over' | 'hold_at_counter' | 'post_again')[];
}

export interface HandoverRecipient {
  kind: 'applicant' | 'authorised';
  fullName: string;
  idNumber: string;
  authorisation?: string;
}

export const deliveryOptions = () => api.get<{ channels: ResultChannel[] }>('/delivery/options');

/** Records the handover; with the scan of an authorisation, as multipart. */
export function handOver(id: string, recipient: HandoverRecipient, scan: File | null): Promise<DossierView> {
  if (!scan) return api.post<DossierView>(`/dossiers/${id}/handover`, { recipient });
  const form = new FormData();
  form.set('recipient', JSON.stringify(recipient));
  form.append('authorisationFile', scan, scan.name);
  return upload<DossierView>(`/dossiers/${id}/handover`, form, () => undefined);
}

export const holdAtCounter = (id: string) => api.post<DossierView>(`/dossiers/${id}/delivery/hold`, {});
export const postAgain = (id: string, address: PostalAddress) => api.post<DossierView>(`/dossiers/${id}/delivery/post-again`, { address });
