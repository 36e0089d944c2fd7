import os

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# "async-unsafe" code there unless told that this test process knows what it does.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
