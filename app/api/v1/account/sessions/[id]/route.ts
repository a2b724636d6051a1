// DELETE /api/v1/account/sessions/{id} : signs that one session out, this one allowed (dashboard session only).
import { withMerchant } from "@/lib/handlers/with-merchant";
import { signOutSession } from "@/lib/auth/sign-out-session";

export const DELETE = withMerchant<{ id: string }>(
  async ({ merchant, actor, params }) => {
    await signOutSession(merchant.id, params.id, actor);
    return new Response(null, { status: 204 });
  },
  { sessionOnly: true },
);
