// The bell and the Notifications page live in different parts of the shell: marking read on the page
// tells the bell to count again through this one window event, so they never disagree for long.
export const INBOX_CHANGED = "dashx:inbox-changed";

export const announceInboxChanged = () => window.dispatchEvent(new Event(INBOX_CHANGED));

/** GET /api/v1/notifications item (lib/notifications/inbox/public-notification.ts). */
export type NotificationItem = { id: string; type: string; endpointId: string | null; title: string; body: string; createdAt: string; readAt: string | null };

/** "Notifications, 3 unread" — the bell's accessible name and the badge's meaning. */
export const bellLabel = (unread: number) => (unread > 0 ? `Notifications, ${unread >= 100 ? "99+" : unread} unread` : "Notifications, none unread");
