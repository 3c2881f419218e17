import hashlib
import jwt as pyjwt


def verify(token: str, key: str) -> dict:
    return pyjwt.decode(token, key, algorithms=["HS256"], audience="api")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add(a: int, b: int) -> int:
    return a + b
