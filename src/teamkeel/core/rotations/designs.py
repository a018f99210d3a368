"""Known schedules in which no two people meet twice (resolvable designs).

For some team sizes the best groups schedule is known exactly: a *resolvable design*
splits n people into groups of k, round after round, so that every pair meets at most
once. This module builds the ones whose constructions are short, from finite-field
arithmetic; the groups planner starts from them and its local search only has to fix
what a real team changes (absences, pins, never-together pairs, earlier rounds).

Constructions (each yields rounds of n // k groups of k, no pair twice):

* affine geometry AG(m, q), q a prime power: q**m people in groups of q,
  (q**m - 1) / (q - 1) rounds (q + 1 for the affine plane, m = 2);
* a resolvable transversal design: k * m people in k columns, m rounds of groups of k
  taking one from each column (m's prime-power factors all at least k), followed by
  rounds inside the columns when m people have a design of their own (this gives the
  Kirkman systems on 27 and 45, and 32 people in fours for 9 rounds);
* Kirkman triple systems (groups of 3) on 2q + 1 and on 3q people, q = 1 mod 6 a prime
  power: (n - 1) / 2 rounds (Ray-Chaudhuri and Wilson 1971; Stinson, "A survey of
  Kirkman triple systems and related designs", Discrete Math. 92, 1991, constructions
  1.1 and 1.2);
* the Kirkman triple system on 33 people (16 rounds), by doubling the affine plane of
  order 4 and pasting in systems on 9 (Beth, Jungnickel and Lenz, IX.6.4);
* resolvable (3q + 1, 4, 1) designs, q = 1 mod 4 a prime power: (n - 1) / 3 rounds of
  groups of 4 (Beth, Jungnickel and Lenz, "Design Theory", VII.7.5);
* nearly Kirkman triple systems on 24, 30, 36 and 60 people, (n - 2) / 2 rounds in which
  everybody meets all but one other: stored base rounds, developed over Z_(n-2)/2
  (``CYCLIC``), and 18 in threes for 8 rounds, stored whole (``FOUND``);
* 32 in fours for 10 rounds (the social golfer problem's own case; Aguado 2004), in
  which everybody meets all but one other, stored whole (``FOUND``).

Every schedule is checked before it is returned, so a wrong construction can only make
the planner search, never repeat a pair silently.
"""

from __future__ import annotations

import itertools
from functools import cache

Schedule = list[list[list[int]]]  # rounds -> groups -> people numbered 0..n-1

# Irreducible polynomials (coefficients from x**0 up, monic) for the fields that are not
# prime, up to the sizes a team needs.
IRREDUCIBLE = {4: (2, [1, 1]), 8: (2, [1, 1, 0]), 9: (3, [1, 0]), 16: (2, [1, 1, 0, 0])}
IRREDUCIBLE[25] = (5, [2, 1])
PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59)


class Field:
    """GF(q) with elements 0..q-1 (digits base p are polynomial coefficients)."""

    def __init__(self, q: int) -> None:
        self.q = q
        if q in PRIMES:
            self.add = [[(a + b) % q for b in range(q)] for a in range(q)]
            self.mul = [[(a * b) % q for b in range(q)] for a in range(q)]
        else:
            p, poly = IRREDUCIBLE[q]
            self.add = [[_digit_add(a, b, p) for b in range(q)] for a in range(q)]
            self.mul = [[_poly_mul(a, b, p, poly) for b in range(q)] for a in range(q)]
        self.neg = [self.add[a].index(0) for a in range(q)]
        self.primitive = next(g for g in range(2, q) if len(self.powers(g)) == q - 1)

    def powers(self, g: int) -> list[int]:
        out, x = [], 1
        while True:
            out.append(x)
            x = self.mul[x][g]
            if x == 1:
                return out
            if len(out) >= self.q:
                return out

    def inverse(self, a: int) -> int:
        return self.mul[a].index(1)


def _digit_add(a: int, b: int, p: int) -> int:
    out, place = 0, 1
    while a or b:
        out += ((a % p + b % p) % p) * place
        a, b, place = a // p, b // p, place * p
    return out


def _poly_mul(a: int, b: int, p: int, low: list[int]) -> int:
    """a * b modulo x**d + low(x), where ``low`` holds the lower coefficients."""
    d = len(low)
    da = [(a // p**i) % p for i in range(d)]
    db = [(b // p**i) % p for i in range(d)]
    prod = [0] * (2 * d - 1)
    for i, x in enumerate(da):
        for j, y in enumerate(db):
            prod[i + j] = (prod[i + j] + x * y) % p
    for i in range(2 * d - 2, d - 1, -1):  # x**d = -low(x)
        c = prod[i]
        if c:
            prod[i] = 0
            for j, lo in enumerate(low):
                prod[i - d + j] = (prod[i - d + j] - c * lo) % p
    return sum(c * p**i for i, c in enumerate(prod[:d]))


def prime_power(q: int) -> bool:
    return q in PRIMES or q in IRREDUCIBLE


# ----------------------------------------------------------------------- geometries


def affine_geometry(q: int, m: int) -> Schedule:
    """AG(m, q): points are vectors, rounds are directions, groups are parallel lines."""
    f = Field(q)
    points = list(itertools.product(range(q), repeat=m))
    index = {p: i for i, p in enumerate(points)}
    # One direction per point of the projective space: first non-zero coordinate is 1.
    directions = [d for d in points if any(d) and d[next(i for i, x in enumerate(d) if x)] == 1]
    rounds = []
    for d in directions:
        seen: set[int] = set()
        groups = []
        for p in points:
            if index[p] in seen:
                continue
            line = [index[tuple(f.add[p[i]][f.mul[t][d[i]]] for i in range(m))] for t in range(q)]
            seen.update(line)
            groups.append(line)
        rounds.append(groups)
    return rounds


def prime_power_factors(m: int) -> list[int]:
    out, p = [], 2
    while m > 1:
        q = 1
        while m % p == 0:
            m, q = m // p, q * p
        if q > 1:
            out.append(q)
        p += 1
    return out


def transversal(k: int, m: int) -> Schedule:
    """k * m people in k columns of m, m rounds of groups of k, one from each column:
    round s, group b holds symbol b + c_j * s of column j, computed in the product of
    the fields GF(q) over the prime-power factors q of m (each at least k, so k distinct
    coefficients c_j exist and their differences can be divided by).

    Two people of columns i and j meet only in the round s = (y - x) / (c_j - c_i)."""
    fields = [Field(q) for q in prime_power_factors(m)]
    symbols = list(itertools.product(*(range(f.q) for f in fields)))
    index = {x: i for i, x in enumerate(symbols)}

    def at(j: int, b: tuple[int, ...], s: tuple[int, ...]) -> int:
        y = tuple(f.add[b[i]][f.mul[j][s[i]]] for i, f in enumerate(fields))
        return j * m + index[y]

    return [[[at(j, b, s) for j in range(k)] for b in symbols] for s in symbols]


def columns_then_within(k: int, m: int) -> Schedule:
    """The transversal rounds, then rounds inside each column: a repeat-free schedule
    for m people, run in every column at once (columns never met inside themselves)."""
    inside = known_schedule(m, k) if m % k == 0 and m > k else ()
    rounds = transversal(k, m)
    for rnd in inside:
        rounds.append([[j * m + x for x in g] for j in range(k) for g in rnd])
    return rounds


# ------------------------------------------------------------------ Kirkman systems


def _from_base(f: Field, base: list[list[tuple[int, int] | None]], copies: int) -> Schedule:
    """Develop a base round over the field's addition: one round per field element.
    Points are (element, copy) numbered copy * q + element; None is the extra point."""
    q = f.q
    return [
        [[copies * q if p is None else p[1] * q + f.add[g][p[0]] for p in group] for group in base]
        for g in range(q)
    ]


def kirkman_2q_plus_1(q: int) -> Schedule:
    """KTS(2q + 1) for a prime power q = 1 mod 6."""
    f = Field(q)
    a, t = f.primitive, (q - 1) // 6
    pw = f.powers(a)
    half = f.inverse(f.add[1][1])
    m = pw.index(f.mul[f.add[pw[t]][1]][half])  # a**m = (a**t + 1) / 2
    base: list[list[tuple[int, int] | None]] = [[(0, 0), (0, 1), None]]
    for i in [*range(t), *range(2 * t, 3 * t), *range(4 * t, 5 * t)]:
        base.append([(pw[i], 0), (pw[(t + i) % (q - 1)], 0), (pw[(m + i) % (q - 1)], 1)])
    for i in range(t):
        base.append([(pw[(m + j * t + i) % (q - 1)], 1) for j in (1, 3, 5)])
    return _from_base(f, base, 2)


def kirkman_3q(q: int) -> Schedule:
    """KTS(3q) for a prime power q = 1 mod 6."""
    f = Field(q)
    a, t = f.primitive, (q - 1) // 6
    pw = f.powers(a)
    Block = list[tuple[int, int] | None]
    cross: list[Block] = [
        [(pw[i], 0), (pw[(i + 2 * t) % (q - 1)], 1), (pw[(i + 4 * t) % (q - 1)], 2)]
        for i in range(6 * t)
    ]
    within: list[Block] = [
        [(pw[i], j), (pw[(i + 2 * t) % (q - 1)], j), (pw[(i + 4 * t) % (q - 1)], j)]
        for j in range(3)
        for i in range(t)
    ]
    first: list[Block] = [[(0, 0), (0, 1), (0, 2)], *within]
    first += cross[t : 2 * t] + cross[3 * t : 4 * t] + cross[5 * t : 6 * t]
    rounds = _from_base(f, first, 3)
    for i in [*range(t), *range(2 * t, 3 * t), *range(4 * t, 5 * t)]:
        rounds.append(
            [[p[1] * q + f.add[g][p[0]] for p in cross[i] if p is not None] for g in range(q)]
        )
    return rounds


def kirkman_doubled(v: int, blocks: list[list[int]]) -> Schedule:
    """KTS(2v + 1) from a design on v points whose blocks of 4 hold every pair once
    (Beth, Jungnickel and Lenz, "Design Theory", IX.6.4): each point x becomes x and x',
    a point at infinity is added, and a KTS(9) on the doubled points of every block,
    holding {x, x', infinity} for each of its points, is pasted in. Round x gathers
    {x, x', infinity} and, from each block through x, the round of its KTS(9) that
    holds {x, x', infinity}."""
    nine = affine_geometry(3, 2)
    # Relabel the KTS(9) so that its round i holds {2i, 2i + 1, 8}.
    local = {8: 8}
    for i, rnd in enumerate(nine):
        a, b = next([p for p in g if p != 8] for g in rnd if 8 in g)
        local[a], local[b] = 2 * i, 2 * i + 1
    rounds_of_nine = [[[local[p] for p in g] for g in rnd] for rnd in nine]
    infinity = 2 * v
    rounds: Schedule = [[[2 * x, 2 * x + 1, infinity]] for x in range(v)]
    for block in blocks:
        for j, x in enumerate(block):
            for g in rounds_of_nine[j]:
                if 8 not in g:
                    rounds[x].append([2 * block[p // 2] + p % 2 for p in g])
    return rounds


def rbibd_4(q: int) -> Schedule:
    """A resolvable (3q + 1, 4, 1) design for a prime power q = 1 mod 4."""
    f = Field(q)
    pw = f.powers(f.primitive)
    e = pw[(q - 1) // 4]  # a square root of -1
    base: list[list[tuple[int, int] | None]] = []
    for i in range((q - 1) // 4):
        for j in range(3):
            w = pw[i]
            ew = f.mul[e][w]
            base.append([(w, j), (f.neg[w], j), (ew, (j + 1) % 3), (f.neg[ew], (j + 1) % 3)])
    base.append([(0, 0), (0, 1), (0, 2), None])
    return _from_base(f, base, 3)


# ------------------------------------------------------------------- found by search

# Schedules no construction above covers, stored whole: found offline by Keel's own
# search (``groups``) given minutes instead of its planning budget of about a second,
# or taken from a published solution (said where). Each round lists people as
# characters of ALPHABET, k characters per group.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
FOUND = {
    # 18 in threes for 8 rounds: a nearly Kirkman triple system's worth.
    (18, 3): "02618f3ab4579ghcde 0bg1462395dh78caef 04e1592ac38h67bdfg 08d1273eg49a5bf6ch "
    "09c1be2fh34d5687ag 07f1ah2bd35c48g69e 01325g4cf6ad7eh89b 05a1cg28e36f4bh79d",
    # 32 in fours for 10 rounds, the social golfer problem itself: everybody meets all
    # but one other, 2i never meets 2i + 1 (a resolvable group divisible design with
    # blocks of 4 and 16 groups of 2). Its existence was shown by Aguado, "A 10 days
    # solution to the social golfer problem", 2004; Keel's own searches (exact cover
    # under a symmetry group) did not find one in the time they had. This one is
    # transcribed from the solution in Ed Pegg Jr.'s "Social Golfer Problem" (Wolfram
    # Demonstrations Project), letters A..P renumbered 0, 2, .., 30 and a..p 1, 3, .., 31.
    (32, 4): "024613578ace9bdfgikmhjlnoqsuprtv 08gp19ho25de34cf6akv7bluinrsjmqt "
    "0bnt1ams2flp3eko49iu58jv6chq7dgr 05hm14gn27jk36il8for9epqadtubcsv "
    "0dkq1clr28nu39mv4bjp5aio6egt7fhs 0fiv1eju2ahr3bgq47ot56ps8dlm9ckn "
    "079a168b2cit3djs4emr5fnqglovhkpu 03ru12qv48ks59lt6dno7cmpafgjbehi "
    "0cjo1dip29gs38ht4alq5bkr6fmu7env 0els1fkt2bmo3anp4dhv5cgu69jr78iq",
}


# Nearly Kirkman triple systems NKTS(2m + 2): m rounds of triples in which every pair
# meets once except the pairs of one fixed pairing (a resolvable group divisible design
# with groups of two, which exists for every n = 0 mod 6 from 18 on: Kotzig and Rosa,
# "Nearly Kirkman systems", 1974; Baker and Wilson, 1977; Colbourn and Dinitz, "Handbook
# of Combinatorial Designs", 2nd ed., VI.6.3 on frames and NKTS). Each is stored as one
# base round on the points (x, level) = level * m + x, x in Z_m, plus n - 2m fixed
# points (the highest numbers); round t adds t to every x modulo m. The base rounds
# were found offline by an exact-cover search (Knuth's Algorithm X) over the pair
# orbits of Z_m, and every developed schedule is checked by ``is_repeat_free``.
CYCLIC = {
    (24, 3): (11, "026 19b 34c 5hk 7lm 8df agn eij"),
    (30, 3): (14, "0fh 17k 2mp 346 5al 8gq 9dn bit cos ejr"),
    (36, 3): (17, "0rv 1mo 2qw 359 4jt 6de 7cn 8bk asy fhi glz pux"),
    (60, 3): (
        29,
        "0ow 1aS 2fR 3HK 4EP 59b 6hB 7qu 8CX GLU cjr dDQ eNT gsx ily kFJ mnO pIW tvM zAV",
    ),
}


def cyclic(n: int, k: int) -> Schedule:
    """The schedule developed from a stored base round (empty if none is stored)."""
    if (n, k) not in CYCLIC:
        return []
    m, text = CYCLIC[(n, k)]
    finite = n - n % m  # the points moved by the translations; the rest stay put
    base = [[ALPHABET.index(c) for c in word] for word in text.split()]
    return [
        [[p if p >= finite else p - p % m + (p % m + t) % m for p in g] for g in base]
        for t in range(m)
    ]


def found(n: int, k: int) -> Schedule:
    text = FOUND.get((n, k))
    if text is None:
        return []
    return [
        [[ALPHABET.index(c) for c in word[i : i + k]] for i in range(0, len(word), k)]
        for word in text.split()
    ]


# ----------------------------------------------------------------------- the catalogue


def _candidates(n: int, k: int) -> list[Schedule]:
    out = [[[list(range(i, i + k)) for i in range(0, n, k)]]] if n % k == 0 else []
    if (n, k) in FOUND:
        out.append(found(n, k))
    if (n, k) in CYCLIC:
        out.append(cyclic(n, k))
    for m in (2, 3):
        if k**m == n and prime_power(k):
            out.append(affine_geometry(k, m))
    if k == 3 and n % 6 == 3:
        if (n - 1) // 2 % 6 == 1 and prime_power((n - 1) // 2):
            out.append(kirkman_2q_plus_1((n - 1) // 2))
        if n // 3 % 6 == 1 and prime_power(n // 3):
            out.append(kirkman_3q(n // 3))
        if n == 33:  # the lines of the affine plane of order 4 hold every pair once
            out.append(kirkman_doubled(16, [g for r in affine_geometry(4, 2) for g in r]))
    if k == 4 and n % 12 == 4 and (n - 1) // 3 % 4 == 1 and prime_power((n - 1) // 3):
        out.append(rbibd_4((n - 1) // 3))
    m = n // k
    if n % k == 0 and m >= k and all(q >= k and prime_power(q) for q in prime_power_factors(m)):
        out.append(columns_then_within(k, m))
    return out


@cache
def known_schedule(n: int, k: int) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The longest repeat-free schedule this module can build for n people in groups of
    k (empty if none): rounds of groups of person numbers 0..n-1."""
    best: Schedule = []
    for schedule in _candidates(n, k):
        if len(schedule) > len(best) and is_repeat_free(schedule, n, k):
            best = schedule
    return tuple(tuple(tuple(sorted(g)) for g in r) for r in best)


def is_repeat_free(schedule: Schedule, n: int, k: int) -> bool:
    met: set[tuple[int, int]] = set()
    for rnd in schedule:
        if sorted(p for g in rnd for p in g) != list(range(n)):
            return False
        for g in rnd:
            if len(g) != k:
                return False
            for pair in itertools.combinations(sorted(g), 2):
                if pair in met:
                    return False
                met.add(pair)
    return True
