"""Uploaded datasets: kept under DATA_DIR/imports so the confirmed import reads the very
file that was previewed."""

import uuid
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from dangbo.interchange.readers import SheetError

ACCEPTED = (".xlsx", ".zip")


def store_upload(upload) -> Path:
    """Save the upload; a .zip of CSV files is unpacked into a folder. Returns the dataset."""
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise SheetError(_("Upload an .xlsx workbook or a .zip of CSV files."))
    folder = Path(settings.DATA_DIR) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    target = folder / name
    with open(target, "wb") as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    if suffix == ".xlsx":
        return target
    return _unzip(target, folder / "dataset")


def _unzip(archive: Path, folder: Path) -> Path:
    folder.mkdir()
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.infolist():
                # Only the file's own name: a member called ../../x must not escape the folder.
                base = PurePosixPath(member.filename).name
                if member.is_dir() or not base.lower().endswith(".csv") or base.startswith("."):
                    continue
                with zipped.open(member) as source, open(folder / base, "wb") as out:
                    while chunk := source.read(1 << 20):
                        out.write(chunk)
    except zipfile.BadZipFile:
        raise SheetError(_("%(file)s is not a .zip archive.") % {"file": archive.name}) from None
    return folder
