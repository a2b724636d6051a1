#!/usr/bin/env python3
"""Verifies one DashX webhook with nothing but the Python standard library.

See docs/RECEIVING.md. Try it on a captured delivery:

    WEBHOOK_SECRET=whsec_... WEBHOOK_ID=... WEBHOOK_TIMESTAMP=... WEBHOOK_SIGNATURE="v1,..." \\
        python3 docs/examples/verify.py < body.json

The body on stdin must be the exact bytes received. Prints "verified <type> <id>" and exits 0, or
prints the reason to stderr and exits 1.
"""
import os
import sys

# docs:start verify
import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Mapping

TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    pass


def verify_dashx_webhook(raw_body: bytes, headers: Mapping[str, str], secret: str) -> dict:
    """Returns the parsed event if the signature is valid; raises WebhookVerificationError if not.

    raw_body must be the request body exactly as received (bytes, never re-serialized JSON).
    """
    h = {k.lower(): v for k, v in headers.items()}
    msg_id = h.get("webhook-id")
    timestamp = h.get("webhook-timestamp")
    signatures = h.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")

    # Refuse old (replayed) and future-dated messages.
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a number")
    if abs(time.time() - sent_at) > TOLERANCE_SECONDS:
        raise WebhookVerificationError("webhook-timestamp is more than 5 minutes away from now")

    # The key is the base64 part of "whsec_<base64>"; the signed content is "{id}.{timestamp}.{body}".
    try:
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except binascii.Error:
        raise WebhookVerificationError("the secret is not a whsec_<base64> value")
    signed = f"{msg_id}.{sent_at}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()

    # Several space-separated signatures arrive while a secret is being rotated: any one may match.
    for versioned in signatures.split(" "):
        version, _, signature = versioned.partition(",")
        if version == "v1" and hmac.compare_digest(signature.encode(), expected.encode()):
            return json.loads(raw_body)
    raise WebhookVerificationError("no matching signature")
# docs:end verify


def main() -> int:
    secret = os.environ.get("WEBHOOK_SECRET")
    if not secret:
        print(
            "Set WEBHOOK_SECRET, WEBHOOK_ID, WEBHOOK_TIMESTAMP and WEBHOOK_SIGNATURE, and pipe the raw body to stdin",
            file=sys.stderr,
        )
        return 2
    headers = {
        "webhook-id": os.environ.get("WEBHOOK_ID", ""),
        "webhook-timestamp": os.environ.get("WEBHOOK_TIMESTAMP", ""),
        "webhook-signature": os.environ.get("WEBHOOK_SIGNATURE", ""),
    }
    try:
        event = verify_dashx_webhook(sys.stdin.buffer.read(), headers, secret)
    except WebhookVerificationError as error:
        print(f"not verified: {error}", file=sys.stderr)
        return 1
    print(f"verified {event['type']} {event['id']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
