import hashlib
import os

import jwt

ISSUER = os.environ.get("JWT_ISSUER", "https://auth.example.com")


def verify_service_token(token: str, public_key: str) -> dict:
    """Checks the token the orders API sends with each webhook call."""
    return jwt.decode(token, public_key, algorithms=["RS256"], audience="billing", issuer=ISSUER)


def hash_api_key(key: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", key.encode(), salt, 600_000).hex()


def mask(value: str, keep: int = 4) -> str:
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]
