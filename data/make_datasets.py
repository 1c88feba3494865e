"""Make the built-in datasets in data/ reproducibly. Run: python data/make_datasets.py

- lab_houses.csv: the course lab's two houses (size in 1000 sqft, price in $1000s).
- auto_mpg.csv: the Auto MPG data (Donoho and Ramos, 1982; public via CMU StatLib), as
  shipped in the `vega_datasets` package (pip install vega_datasets==0.9.0), with its missing
  values kept (8 in miles_per_gallon, 6 in horsepower) and the text columns left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent


def make_lab_houses() -> None:
    pd.DataFrame({"size_1000sqft": [1.0, 2.0], "price_1000usd": [300.0, 500.0]}).to_csv(HERE / "lab_houses.csv", index=False)


def make_auto_mpg() -> None:
    from importlib.resources import files

    raw = pd.read_json(files("vega_datasets") / "_data" / "cars.json")
    frame = pd.DataFrame(
        {
            "weight_lbs": raw["Weight_in_lbs"],
            "horsepower": raw["Horsepower"],
            "displacement_cu_in": raw["Displacement"],
            "acceleration_s": raw["Acceleration"],
            "cylinders": raw["Cylinders"],
            "model_year": pd.to_datetime(raw["Year"]).dt.year,
            "miles_per_gallon": raw["Miles_per_Gallon"],
        }
    )
    frame.to_csv(HERE / "auto_mpg.csv", index=False)


if __name__ == "__main__":
    make_lab_houses()
    make_auto_mpg()
