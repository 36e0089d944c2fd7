"""Writing small datasets for import tests."""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

UNITS = """code,name,kind,parent_code,valid_from,valid_to
TU,Tỉnh ủy,province_committee,,,
HU,Huyện ủy,district_committee,TU,,2025-06-30
XA,Đảng bộ xã A,grassroots_committee,HU,,2025-06-30
XB,Đảng bộ xã B,grassroots_committee,HU,,2025-06-30
XN,Đảng bộ xã Mới,grassroots_committee,TU,2025-07-01,
"""
EVENTS = """date,kind,sources,targets,name,note,previous_name
2019-01-01,rename,XA,XA,Đảng bộ xã A,Đổi tên,Đảng bộ xã A cũ
2025-07-01,merge,XA XB,XN,Đảng bộ xã Mới,,
2025-07-01,dissolve,HU,,,,
"""
PEOPLE = """\
code,full_name,gender,birth_date,ethnicity,hometown,party_join_date,party_official_date,unit_code
P1,Nguyễn Văn An,M,1970-05-17,Kinh,Tân Kỳ,1995-03-02,1996-03-02,XA
P2,Trần Thị Bình,Nữ,02/03/1975,,,,,XN
"""
POSITIONS = """person_code,unit_code,role,start_date,title,end_date
P1,XA,head,2015-01-01,Bí thư,2025-06-30
P2,XN,deputy,2025-07-01,Phó Bí thư,
"""
DATASET = {"units": UNITS, "unit_events": EVENTS, "people": PEOPLE, "positions": POSITIONS}


def write_dataset(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / (name if "." in name else f"{name}.csv")
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def run_import(path, *args) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `dangbo import`."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import", str(path), "--quiet", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()
