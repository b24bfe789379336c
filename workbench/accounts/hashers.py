"""How passwords are stored: Argon2id with OWASP's recommended parameters.

Django's default, PBKDF2 with 1,000,000 iterations, costs a lot of CPU per login on a 2-core server; when a
hundred customer managers log in within the same minute, the logins queue behind each other and every page waits
(docs/deploy.md, load test). Argon2id is memory-hard — what makes guessing expensive on GPUs is the 19 MiB each
guess needs, not the CPU time — and with OWASP's parameters (19 MiB, 2 passes, 1 lane) a login is cheap on the
server (docs/performance.md#password-hashing).
Passwords stored by another hasher in settings.PASSWORD_HASHERS are rehashed with this one at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id, m = 19 MiB, t = 2, p = 1 (OWASP Password Storage Cheat Sheet)."""

    time_cost = 2
    memory_cost = 19456  # KiB
    parallelism = 1
