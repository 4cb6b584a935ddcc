"""Flash sales: drops with a waiting room, fair admission and atomic claims."""
