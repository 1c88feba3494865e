"""Regenerate the CSV test corpus deterministically: python tests/corpus/make_corpus.py"""

from __future__ import annotations

from pathlib import Path

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
    "excel.xlsx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    "no_header.csv": "1.0,300\n2.0,500\n3.0,700\n".encode(),
    "one_column.csv": "price\n300\n500\n700\n".encode(),
    "inf_values.csv": "size,price\n1.0,300\ninf,500\n3.0,700\n2.0,-inf\n".encode(),
    "ragged.csv": 'size,price\n1.0,300\n2.0,500,extra,"unclosed\n'.encode(),
}


def main() -> None:
    for name, content in FILES.items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    main()
