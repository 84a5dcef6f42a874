#!/usr/bin/env python3
# mkpack.py DIR MODE ID [N]: writes DIR/pack-<sum>.pack and .idx holding a
# hostile structure whose top object is ID (40 hex digits), as a copied
# repository may hold them (index-pack refuses them in a push).
#   cycle     ID a reference delta on C, C one on ID
#   mixed     ID an offset delta on C, C a reference delta on ID
#   chain N   ID on top of N offset deltas over a whole blob
#   count     an index claiming 2^31-1 objects
#   fanout    an index whose fanout goes down
#   v1        as chain, indexed by a version-1 index
#   loop TREE ID a commit of TREE whose parent is C, C one whose parent is
#             ID: an index that lies about both makes a history without end
#   garbled TREE  ID a commit of TREE whose parent, C, names no tree
#   shortparent TREE  ID the same, C cut short in its parent line
import hashlib, struct, sys, zlib

out, mode, top = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
n = int(sys.argv[4]) if len(sys.argv) > 4 and mode in ("chain", "v1") else 0
content = b"schema: 1\n"

def fake(i):
    return hashlib.sha1(b"fake %d" % i).digest()

def header(t, size):
    b = [(t << 4) | (size & 15)]
    size >>= 4
    while size:
        b[-1] |= 0x80
        b.append(size & 0x7f)
        size >>= 7
    return bytes(b)

def ofs(dist):
    b = [dist & 0x7f]
    dist >>= 7
    while dist:
        dist -= 1
        b.insert(0, 0x80 | (dist & 0x7f))
        dist >>= 7
    return bytes(b)

def varint(v):
    b = []
    while True:
        c = v & 0x7f
        v >>= 7
        b.append(c | (0x80 if v else 0))
        if not v:
            return bytes(b)

# a delta copying the whole of its base of len(content) bytes
delta = varint(len(content)) + varint(len(content)) + bytes([0x90, len(content)])

objs = []  # (id, bytes at its offset, computed later)
body = bytearray(b"PACK" + struct.pack(">II", 2, 0))
def add(oid, raw):
    objs.append((oid, len(body)))
    body.extend(raw)

if mode == "cycle":
    c = fake(0)
    add(top, header(7, len(delta)) + c + zlib.compress(delta))
    add(c, header(7, len(delta)) + top + zlib.compress(delta))
elif mode == "mixed":
    c = fake(0)
    add(c, header(7, len(delta)) + top + zlib.compress(delta))
    off = len(body)
    add(top, header(6, len(delta)) + ofs(off - objs[0][1]) + zlib.compress(delta))
elif mode in ("loop", "garbled", "shortparent"):
    # the tip, a commit of TREE whose parent is C; C as the mode has it
    def commit(oid, raw):
        add(oid, header(1, len(raw)) + zlib.compress(raw))
    def whole(parent):
        return b"tree %s\nparent %s\nauthor A <a@example.org> 1 +0000\n" \
               b"committer A <a@example.org> 1 +0000\n\nround\n" % (
                   sys.argv[4].encode(), parent.hex().encode())
    c = fake(0)
    commit(top, whole(c))
    if mode == "loop":
        commit(c, whole(top))
    elif mode == "garbled":
        commit(c, b"author A <a@example.org> 1 +0000\n\nno tree\n")
    else:
        commit(c, b"tree %s\nparent 12ab\n" % sys.argv[4].encode())
elif mode in ("chain", "v1"):
    prev = len(body)
    add(fake(0) if n else top, header(3, len(content)) + zlib.compress(content))
    for i in range(1, n + 1):
        off = len(body)
        add(top if i == n else fake(i),
            header(6, len(delta)) + ofs(off - prev) + zlib.compress(delta))
        prev = off
else:
    add(top, header(3, len(content)) + zlib.compress(content))
body[8:12] = struct.pack(">I", len(objs))
packsum = hashlib.sha1(body).digest()
body.extend(packsum)

objs.sort()
fan = [0] * 256
for oid, _ in objs:
    fan[oid[0]] += 1
for i in range(1, 256):
    fan[i] += fan[i - 1]
if mode == "count":
    fan = [0x7fffffff] * 256
if mode == "fanout":
    fan[0x10] = len(objs) + 5
if mode == "v1":
    idx = bytearray(b"".join(struct.pack(">I", f) for f in fan))
    for oid, off in objs:
        idx += struct.pack(">I", off) + oid
else:
    idx = bytearray(b"\377tOc" + struct.pack(">I", 2))
    idx += b"".join(struct.pack(">I", f) for f in fan)
    idx += b"".join(oid for oid, _ in objs)
    idx += b"".join(struct.pack(">I", 0) for _ in objs)
    idx += b"".join(struct.pack(">I", off) for _, off in objs)
idx += packsum
idx += hashlib.sha1(idx).digest()
name = "%s/pack-%s" % (out, packsum.hex())
open(name + ".pack", "wb").write(body)
open(name + ".idx", "wb").write(idx)
