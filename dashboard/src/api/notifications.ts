import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { alert, data } from './services';
import type { NotificationPage } from './types';

export const notificationsKey = (userId: string) => ['notifications', userId] as const;

/** The account's notifications and the unread count (alert GET /api/notifications); refreshed every 30 s. */
export function useNotifications(userId: string | undefined) {
  return useQuery({
    queryKey: notificationsKey(userId ?? ''),
    queryFn: () => data<NotificationPage>(alert.GET('/api/notifications', { params: { query: { userId: userId!, limit: 100 } } })),
    enabled: !!userId,
    refetchInterval: 30_000,
  });
}

export function useMarkRead(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => data(alert.POST('/api/notifications/{id}/read', { params: { path: { id }, query: { userId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey(userId) }),
  });
}

export function useMarkAllRead(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => data(alert.POST('/api/notifications/read-all', { params: { query: { userId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey(userId) }),
  });
}
