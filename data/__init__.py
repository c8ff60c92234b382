"""The bundled Xuhui District plan (indicators.yaml, tasks.yaml), shipped as package data."""
