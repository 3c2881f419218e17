import json
import time
import urllib.error
import urllib.request

RETRYABLE = {429, 502, 503, 504}


def post_json(url: str, payload: dict, attempts: int = 5, base_delay: float = 0.2) -> dict:
    """POSTs payload, retrying throttled or unavailable responses with exponential backoff."""
    body = json.dumps(payload).encode()
    for attempt in range(attempts):
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return json.load(response)
        except urllib.error.HTTPError as err:
            if err.code not in RETRYABLE or attempt == attempts - 1:
                raise
        time.sleep(base_delay * 2**attempt)
    raise RuntimeError("unreachable")


def build_receipt(invoice_number: str, email: str) -> dict:
    return {"template": "receipt", "to": email, "invoice": invoice_number}
