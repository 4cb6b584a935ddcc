"""Catalogue API: the model range and one model's full catalogue (prices are net EUR)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from . import selectors
from .schemas import ModelDetail, ModelSummary, Texts

router = Router(tags=["catalog"])


@router.get("/models", response=list[ModelSummary])
def list_models(request: HttpRequest) -> list[ModelSummary]:
    """Every model on sale, with its lowest trim price (net) and its number of trims."""
    return [ModelSummary.of(car_model) for car_model in selectors.model_range()]


@router.get("/models/{slug}", response=ModelDetail)
def model_detail(request: HttpRequest, slug: str) -> ModelDetail:
    """One model: trims with WLTP figures, option groups, options with net prices and rules."""
    car_model = selectors.get_model(slug)
    descriptions = Texts(de=car_model.description_de, en=car_model.description_en)
    return ModelDetail.of(selectors.model_snapshot(slug), descriptions)
