"""Regenerate the test corpus deterministically: python tests/corpus/make_corpus.py

Synthetic files are written from the literals and formulas below. The real public datasets
are copied from two PyPI wheels (their provenance and licences are in SOURCES.md); they are
committed, so this step is only needed to check or refresh them::

    pip download --no-deps -d /tmp/corpus-wheels scikit-learn==1.9.1 vega_datasets==0.9.0
    python tests/corpus/make_corpus.py --real /tmp/corpus-wheels

Neither package is a dependency of the app or its tests.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

GOOD = "size_1000sqft,price_1000usd\n1.0,300\n2.0,500\n1.5,390\n2.5,610\n3.0,700\n0.8,250\n"

FILES: dict[str, bytes] = {
    "good.csv": GOOD.encode(),
    "semicolon.csv": "size;price\n1,0;300,5\n2,0;500,25\n1,5;390,0\n3,0;700,75\n".encode(),
    "tab.tsv": "size\tprice\n1.0\t300\n2.0\t500\n3.0\t700\n".encode(),
    "bom.csv": b"\xef\xbb\xbf" + GOOD.encode(),
    "latin1.csv": "surface_m²,prix_€k\n50,150\n80,260\n120,390\n".replace("€", "E").encode("latin-1").replace(b"m\xb2", b"m\xb2\xe9"),
    "thousands.csv": 'area,price\n"1,200","300,000"\n"2,000","500,000"\n"1,500","390,500"\n'.encode(),
    "text_columns.csv": "city,size,price\nParis,1.0,300\nLyon,2.0,500\nNice,3.0,700\n".encode(),
    "missing.csv": "size,price\n1.0,300\n,500\n2.0,NA\n3.0,700\n2.5,?\n1.5,390\n".encode(),
    "all_text.csv": "city,country\nParis,France\nLyon,France\n".encode(),
    "one_row.csv": "size,price\n1.0,300\n".encode(),
    "header_only.csv": "size,price\n".encode(),
    "empty.csv": b"",
    "constant.csv": "size,price\n2.0,300\n2.0,500\n2.0,700\n".encode(),
    "huge_values.csv": "size,price\n1e200,300\n2e200,500\n3e200,700\n".encode(),
    "not_csv.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
    # The first bytes of an .xlsx, cut short: a damaged workbook (until issue 10 this was excel.xlsx).
    "broken.xlsx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    # The OLE2 header that old .xls files (and password-protected workbooks) start with.
    "old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "no_header.csv": "1.0,300\n2.0,500\n3.0,700\n".encode(),
    "one_column.csv": "price\n300\n500\n700\n".encode(),
    "inf_values.csv": "size,price\n1.0,300\ninf,500\n3.0,700\n2.0,-inf\n".encode(),
    "ragged.csv": 'size,price\n1.0,300\n2.0,500,extra,"unclosed\n'.encode(),
    # Excel's "Unicode Text (*.txt)": UTF-16 little-endian with a BOM, tab separated, CRLF.
    "utf16.txt": "size_1000sqft\tcity\tprice_1000usd\r\n1.0\tSão Paulo\t300\r\n2.0\tKöln\t500\r\n3.0\tMalmö\t700\r\n".encode("utf-16"),
    # Columns lined up with runs of spaces and tabs, as printed by R, Octave or a fixed-width export.
    "whitespace.txt": "  size_1000sqft   bedrooms\tprice_1000usd\n"
    "           1.0          2\t  300\n           2.0          3\t  500\n"
    "           1.5          3 \t 390\n           2.5          4\t  610\n"
    "           3.0          4\t  700\n           0.8          1\t  250\n".encode(),
}


def houses_txt() -> bytes:
    """A headerless file shaped like the course's week-2 houses.txt: 100 rows, comma separated.

    Columns: size (sqft), bedrooms, floors, age (years), price ($1000s), written as numpy's
    savetxt writes them (``%.18e``). The formula (seed 2)::

        size     = 10 * uniform integer in [80, 210]
        bedrooms = clip(round(size / 500 + normal(0, 0.5)), 1, 5)
        floors   = 2 if size > 1500 and uniform < 0.6 else 1
        age      = uniform integer in [5, 95]
        price    = round(0.2 * size + 12 * bedrooms - 15 * floors - 1.1 * age + 80 + normal(0, 20), 1)

    With sizes around 1,450 sqft its stable limit 2 / lambda_max is about 9e-7, like the course file.
    """
    rng = np.random.default_rng(2)
    m = 100
    size = 10.0 * rng.integers(80, 211, m)
    bedrooms = np.clip(np.round(size / 500 + rng.normal(0, 0.5, m)), 1, 5)
    floors = np.where((size > 1500) & (rng.random(m) < 0.6), 2.0, 1.0)
    age = rng.integers(5, 96, m).astype(float)
    price = np.round(0.2 * size + 12 * bedrooms - 15 * floors - 1.1 * age + 80 + rng.normal(0, 20, m), 1)
    buffer = io.StringIO()
    np.savetxt(buffer, np.column_stack([size, bedrooms, floors, age, price]), delimiter=",")
    return buffer.getvalue().encode()


# --- Excel workbooks, written with openpyxl and re-zipped with fixed dates (byte for byte) ------------

FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def _deterministic(raw: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _workbook(fill: Callable[[Workbook], None]) -> bytes:
    book = Workbook()
    book.properties.creator = "make_corpus.py"
    book.properties.created = datetime.datetime(2026, 1, 1)
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())


def _excel(book: Workbook) -> None:
    """Sheet 'houses': the good.csv table plus a text column; sheet 'notes': a sentence."""
    sheet = book.active
    sheet.title = "houses"
    sheet.append(["size_1000sqft", "city", "price_1000usd"])
    for size, city, price in [(1.0, "Paris", 300), (2.0, "Lyon", 500), (1.5, "Nice", 390), (2.5, "Lille", 610), (3.0, "Metz", 700), (0.8, "Pau", 250)]:
        sheet.append([size, city, price])
    book.create_sheet("notes").append(["Prices in $1000s, sizes in 1000 sqft."])


def _cover_sheet(book: Workbook) -> None:
    """A cover sheet first, then the table below a title row and right of an empty column."""
    book.active.title = "About"
    book.active.append(["Course lab houses, typed in by hand"])
    sheet = book.create_sheet("data")
    sheet["B1"] = "Houses sold"
    sheet.append([])
    sheet.append([None, "size_1000sqft", "bedrooms", "price_1000usd"])
    for row in [(1.0, 2, 300), (2.0, 3, 500), (1.5, 3, 390), (2.5, 4, 610), (3.0, 4, 700)]:
        sheet.append([None, *row])


def _empty(book: Workbook) -> None:
    book.active.title = "Sheet1"


def _text_only(book: Workbook) -> None:
    book.active.title = "cities"
    for row in [("city", "country"), ("Paris", "France"), ("Lyon", "France")]:
        book.active.append(list(row))


def _zip_of_csv() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("houses.csv", FIXED_DATE), GOOD)
    return out.getvalue()


def generated() -> dict[str, bytes]:
    return {
        **FILES,
        "houses.txt": houses_txt(),
        "excel.xlsx": _workbook(_excel),
        "cover_sheet.xlsx": _workbook(_cover_sheet),
        "empty.xlsx": _workbook(_empty),
        "text_only.xlsx": _workbook(_text_only),
        "archive.zip": _zip_of_csv(),
    }


# --- real public datasets, copied from PyPI wheels (see SOURCES.md) ----------------------------------


def _from_wheel(folder: Path, prefix: str, member: str) -> bytes:
    wheel = next(folder.glob(f"{prefix}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)


def real(folder: Path) -> dict[str, bytes]:
    import pandas as pd

    sk = "sklearn/datasets/data/"
    vega = "vega_datasets/_data/"
    # diabetes: the 10 raw features (space separated, no header) with the target as an 11th column.
    features = gzip.decompress(_from_wheel(folder, "scikit_learn", sk + "diabetes_data_raw.csv.gz")).decode().splitlines()
    target = gzip.decompress(_from_wheel(folder, "scikit_learn", sk + "diabetes_target.csv.gz")).decode().split()
    diabetes = "".join(f"{row} {float(y):g}\n" for row, y in zip(features, target, strict=True))
    cars = pd.read_json(io.BytesIO(_from_wheel(folder, "vega_datasets", vega + "cars.json")))
    return {
        "linnerud_exercise.txt": _from_wheel(folder, "scikit_learn", sk + "linnerud_exercise.csv"),
        "diabetes.txt": diabetes.encode(),
        "cars.csv": cars.to_csv(index=False).encode(),
        "seattle_weather.csv": _from_wheel(folder, "vega_datasets", vega + "seattle-weather.csv"),
        "stocks.csv": _from_wheel(folder, "vega_datasets", vega + "stocks.csv"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", type=Path, help="a folder holding the scikit-learn and vega_datasets wheels")
    args = parser.parse_args()
    files = generated() | (real(args.real) if args.real else {})
    for name, content in files.items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    main()
