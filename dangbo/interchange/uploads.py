"""Uploaded datasets: kept under DATA_DIR/imports so the confirmed import reads the very
file that was previewed, and removed after DANGBO_UPLOAD_KEEP_DAYS.

An upload is bounded before it is read: its size (DANGBO_UPLOAD_MAX_BYTES), and for a .zip
or an .xlsx (a zip too) the number of files it holds (DANGBO_UPLOAD_MAX_MEMBERS) and what
they unpack to (DANGBO_UPLOAD_MAX_UNPACKED_BYTES), read from the archive's directory and
counted again while unpacking (a directory can lie).
"""

import shutil
import time
import uuid
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from dangbo.interchange.models import ImportRun
from dangbo.interchange.readers import SheetError

ACCEPTED = (".xlsx", ".zip")


def uploads_folder() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def too_large(size: int) -> str | None:
    """The message for an upload of `size` bytes over the limit, or None."""
    limit = settings.DANGBO_UPLOAD_MAX_BYTES
    if size <= limit:
        return None
    return _(
        "The file has %(size)s; at most %(limit)s can be uploaded. Split it, or ask the "
        "operator to import it with the dangbo import command."
    ) % {"size": filesizeformat(size), "limit": filesizeformat(limit)}


def store_upload(upload) -> Path:
    """Save the upload; a .zip of CSV files is unpacked into a folder. Returns the dataset.

    Raises SheetError, and keeps nothing, when the upload is not accepted.
    """
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise SheetError(_("Upload an .xlsx workbook or a .zip of CSV files."))
    if message := too_large(upload.size):
        raise SheetError(message)
    folder = uploads_folder() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        target = folder / name
        with open(target, "wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
        members = _members(target)
        if suffix == ".xlsx":
            return target
        return _unzip(target, members, folder / "dataset")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        purge_uploads(keep=folder)


def _members(archive: Path) -> list[zipfile.ZipInfo]:
    """The archive's files, refused when too many or too large once unpacked."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
    except (zipfile.BadZipFile, OSError):
        if archive.suffix.lower() == ".xlsx":
            raise SheetError(
                _("%(file)s is not an .xlsx workbook (%(error)s).")
                % {"file": archive.name, "error": "BadZipFile"}
            ) from None
        raise SheetError(_("%(file)s is not a .zip archive.") % {"file": archive.name}) from None
    if len(members) > settings.DANGBO_UPLOAD_MAX_MEMBERS:
        raise SheetError(
            _("%(file)s holds %(count)d files; at most %(limit)d are accepted.")
            % {
                "file": archive.name,
                "count": len(members),
                "limit": settings.DANGBO_UPLOAD_MAX_MEMBERS,
            }
        )
    _check_unpacked(archive, sum(m.file_size for m in members))
    return members


def _check_unpacked(archive: Path, size: int) -> None:
    limit = settings.DANGBO_UPLOAD_MAX_UNPACKED_BYTES
    if size > limit:
        raise SheetError(
            _(
                "%(file)s unpacks to more than %(limit)s (at least %(size)s); at most %(limit)s "
                "are accepted. Split it, or ask the operator to import it with the dangbo "
                "import command."
            )
            % {
                "file": archive.name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            }
        )


def _unzip(archive: Path, members: list[zipfile.ZipInfo], folder: Path) -> Path:
    folder.mkdir()
    written = 0
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in members:
                # Only the file's own name: a member called ../../x must not escape the folder.
                base = PurePosixPath(member.filename).name
                if member.is_dir() or not base.lower().endswith(".csv") or base.startswith("."):
                    continue
                with zipped.open(member) as source, open(folder / base, "wb") as out:
                    while chunk := source.read(1 << 20):
                        written += len(chunk)
                        _check_unpacked(archive, written)
                        out.write(chunk)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError):
        # Damaged, cut short, an unknown compression, or encrypted.
        raise SheetError(_("%(file)s is not a .zip archive.") % {"file": archive.name}) from None
    return folder


def discard_upload(dataset: Path | str) -> None:
    """Remove a stored upload (its folder under imports/) at once."""
    path = Path(dataset)
    root = uploads_folder().resolve()
    for parent in (path, *path.parents):
        if parent.parent.resolve() == root:
            shutil.rmtree(parent, ignore_errors=True)
            return


def purge_uploads(
    *, days: int | None = None, now: float | None = None, keep: Path | None = None
) -> int:
    """Remove the uploads stored more than `days` (DANGBO_UPLOAD_KEEP_DAYS) ago; previews
    that pointed at them can no longer be confirmed. Returns how many were removed."""
    days = settings.DANGBO_UPLOAD_KEEP_DAYS if days is None else days
    root = uploads_folder()
    if not root.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - days * 86400
    removed = []
    for folder in root.iterdir():
        try:
            if folder != keep and folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except FileNotFoundError:  # removed meanwhile by another request
            continue
    if removed:
        stale = Q()
        for folder in removed:
            stale |= Q(stored_path__startswith=f"{folder}/") | Q(stored_path=str(folder))
        ImportRun.objects.filter(stale).update(stored_path="")
    return len(removed)


def upload_folder(dataset: Path | str) -> Path | None:
    """The folder under imports/ that holds a stored upload."""
    path = Path(dataset)
    root = uploads_folder().resolve()
    for parent in (path, *path.parents):
        if parent.parent.resolve() == root:
            return parent
    return None


def progress_folder(run) -> Path:
    """Where the worker writes a run's progress for the page: beside its upload (shared by
    the web servers and the workers, docs/operations.md)."""
    folder = upload_folder(run.stored_path) if run.stored_path else None
    return (folder or uploads_folder()) / "progress" / str(run.pk)
