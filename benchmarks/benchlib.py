"""Small helpers the benchmark scripts share."""
import os, platform


def machine():
    """The machine, as the tables note it: architecture, cores, system."""
    return f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"


def write_atomically(path, text):
    """Writes text to a temporary file beside path, then renames it over path."""
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
