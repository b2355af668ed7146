/** Organisations a citizen acts for (api/src/routes/organisations.routes.ts). */
import { api } from '../../app/api.ts';

export interface Organisation {
  id: string;
  taxCode: string;
  name: string;
  address: string | null;
  myRole: 'representative' | 'authorised';
  members: { accountId: string; fullName: string; username: string; role: 'representative' | 'authorised' }[];
}

export const organisationsApi = {
  mine: () => api.get<{ items: Organisation[] }>('/organisations'),
  register: (input: { taxCode: string; name: string; address: string | null }) => api.post<Organisation>('/organisations', input),
  authorise: (id: string, username: string) => api.post<Organisation>(`/organisations/${id}/members`, { username }),
  withdraw: (id: string, accountId: string) => api.delete<Organisation>(`/organisations/${id}/members/${accountId}`),
};
