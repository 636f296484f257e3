"""Managed bytes per held connection, type by type, from gcdump-per-connection.sh's reports (before and during).

Usage: gcdump-per-connection.py DIR N TOP [OTHER_DIR]: the TOP types that grew most per connection in DIR; with
OTHER_DIR (a run with the same N, e.g. the bare Kestrel WebSocket), both side by side, the largest differences first,
whichever way they go.
"""
import re
import sys


def load(path):
    """Bytes and objects per type in a `dotnet-gcdump report` (its first column is the size of one object, an
    average for the "Bytes > …" buckets, which are merged into their type) or in a heap dump's `dumpheap -stat`
    (method table, count, total bytes, type)."""
    types = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*[0-9a-f]{12,16}\s+([\d,]+)\s+([\d,]+)\s+(.+?)\s*$", line)
        if m:
            count, size = (int(g.replace(",", "")) for g in m.group(1, 2))
            old = types.get(m.group(3), (0, 0))
            types[m.group(3)] = (old[0] + size, old[1] + count)
            continue
        m = re.match(r"\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$", line)
        if not m:
            continue
        name = re.sub(r"\s*\(Bytes > [\dKM]+\)", "", m.group(3))
        name = re.sub(r"\s*\[[^\]]+\]$", "", name)
        count = int(m.group(2).replace(",", ""))
        size = int(m.group(1).replace(",", "")) * count
        old = types.get(name, (0, 0))
        types[name] = (old[0] + size, old[1] + count)
    return types


def per_connection(directory, n):
    before, during = load(f"{directory}/before.txt"), load(f"{directory}/during.txt")
    zero = (0, 0)
    return {k: ((during.get(k, zero)[0] - before.get(k, zero)[0]) / n, (during.get(k, zero)[1] - before.get(k, zero)[1]) / n)
            for k in set(before) | set(during)}


def main():
    n, top = int(sys.argv[2]), int(sys.argv[3])
    mine = per_connection(sys.argv[1], n)
    other = per_connection(sys.argv[4], n) if len(sys.argv) > 4 else None
    zero = (0, 0)
    print(f"\nmanaged bytes per connection by the dumps: {sum(v[0] for v in mine.values()):.0f}"
          + (f" (the other run: {sum(v[0] for v in other.values()):.0f})" if other else "") + "\n")
    if other is None:
        rows = sorted(((v[0], k) for k, v in mine.items()), reverse=True)
        print("| type | bytes / connection | objects / connection |")
        print("|---|---:|---:|")
        for size, name in rows[:top]:
            print(f"| `{name}` | {size:.0f} | {mine[name][1]:.2f} |")
    else:
        # By the size of the difference, either way: a comparison of two builds must show what shrank too.
        rows = sorted(((mine.get(k, zero)[0] - other.get(k, zero)[0], k) for k in set(mine) | set(other)),
                      key=lambda row: (-abs(row[0]), row[1]))
        print("| type | this run: bytes (objects) | other run: bytes (objects) | difference, bytes |")
        print("|---|---:|---:|---:|")
        for diff, name in rows[:top]:
            a, b = mine.get(name, zero), other.get(name, zero)
            print(f"| `{name}` | {a[0]:.0f} ({a[1]:.2f}) | {b[0]:.0f} ({b[1]:.2f}) | {diff:+.0f} |")
    print(f"| (everything else) | | | {sum(r[0] for r in rows[top:]):+.0f} |" if other else
          f"| (everything else) | {sum(r[0] for r in rows[top:]):.0f} | |")


main()
