from ninja import Router

configurations_router = Router(tags=["configurations"])
quotes_router = Router(tags=["quotes"])
