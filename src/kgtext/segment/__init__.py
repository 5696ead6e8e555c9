"""Segmentation: tokens and sentences with offsets, and the rules behind them."""

from kgtext.segment.explain import Decision, explain
from kgtext.segment.sentenize import sentenize
from kgtext.segment.tokenize import Token, tokenize

__all__ = ["Decision", "Token", "explain", "sentenize", "tokenize"]
