"""A believable sample team: varied roles, timezones, hours, skills, goals and scripts."""

from __future__ import annotations

import datetime as dt
import random

from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile

# name, role, timezone, hours, skills, goals
SMALL_TEAM = [
    (
        "Ana Sousa",
        "Backend engineer",
        "Europe/Lisbon",
        (9, 17),
        ("Python", "PostgreSQL", "API design"),
        ("Public speaking",),
    ),
    (
        "Bo Lindqvist",
        "Frontend engineer",
        "Europe/Stockholm",
        (8, 16),
        ("TypeScript", "Accessibility"),
        ("SQL", "Data modelling"),
    ),
    (
        "Zoë Martin",
        "Product designer",
        "Europe/Paris",
        (10, 18),
        ("User research", "Prototyping"),
        ("Front-end code",),
    ),
    (
        "Kenji Ōsaka",
        "Site reliability engineer",
        "Asia/Tokyo",
        (9, 18),
        ("Kubernetes", "Observability", "Incident response"),
        ("Mentoring",),
    ),
    (
        "李娜",
        "Data analyst",
        "Asia/Shanghai",
        (9, 18),
        ("SQL", "Data modelling", "Dashboards"),
        ("Storytelling with data", "Python"),
    ),
    (
        "Дмитрий Орлов",
        "Backend engineer",
        "Europe/Berlin",
        (9, 17),
        ("Go", "Distributed systems"),
        ("Accessibility", "Public speaking"),
    ),
    (
        "Ελένη Παππά",
        "QA engineer",
        "Europe/Athens",
        (8, 16),
        ("Test automation", "Exploratory testing"),
        ("Kubernetes",),
    ),
    (
        "Priya Raman",
        "Engineering manager",
        "Asia/Kolkata",
        (10, 19),
        ("Mentoring", "Facilitation"),
        ("Observability",),
    ),
    (
        "Chidi Okafor",
        "Mobile engineer",
        "Africa/Lagos",
        (9, 17),
        ("Kotlin", "Swift"),
        ("API design", "Test automation"),
    ),
    (
        "Sofía Herrera",
        "Content strategist",
        "America/Mexico_City",
        (9, 17),
        ("Storytelling with data", "Writing"),
        ("SQL", "Dashboards"),
    ),
    (
        "Mateus Costa",
        "Frontend engineer",
        "America/Sao_Paulo",
        (9, 18),
        ("React", "Prototyping"),
        ("Go",),
    ),
    (
        "Aroha Ngata",
        "Scrum master",
        "Pacific/Auckland",
        (8, 16),
        ("Facilitation", "Coaching"),
        ("Prototyping", "Writing"),
    ),
]

GIVEN = [
    "Ana",
    "Bo",
    "Zoë",
    "Kenji",
    "Lena",
    "Omar",
    "Yuki",
    "Sipho",
    "Marta",
    "Jonas",
    "Amara",
    "Luca",
    "Ines",
    "Tariq",
    "Hana",
    "Nikos",
    "Olga",
    "Ravi",
    "Mei",
    "Diego",
    "Aylin",
    "Femi",
]
FAMILY = [
    "Sousa",
    "Lindqvist",
    "Martin",
    "Ōsaka",
    "Novak",
    "Haddad",
    "Tanaka",
    "Dlamini",
    "Kowalska",
    "Berg",
    "Mensah",
    "Rossi",
    "García",
    "Aziz",
    "Kim",
    "Pappas",
    "Ivanova",
    "Iyer",
    "Chen",
    "Núñez",
]
SCRIPT_NAMES = [
    "王伟",
    "김민준",
    "Αλέξης Νικολάου",
    "Сергей Волков",
    "山田花子",
    "陈静",
    "Ирина Смирнова",
    "Γιώργος Δημητρίου",
]
ROLES = [
    "Backend engineer",
    "Frontend engineer",
    "QA engineer",
    "Product designer",
    "Data analyst",
    "Site reliability engineer",
    "Product manager",
    "Mobile engineer",
    "Technical writer",
]
ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Africa/Nairobi",
    "America/Sao_Paulo",
    "Asia/Singapore",
]
SKILLS = [
    "Python",
    "Go",
    "SQL",
    "TypeScript",
    "Kubernetes",
    "Accessibility",
    "Test automation",
    "User research",
    "Observability",
    "API design",
    "Facilitation",
    "Writing",
    "Mentoring",
    "Data modelling",
    "Security",
    "Performance",
]


def _absences(rng: random.Random, start: dt.date) -> tuple[Absence, ...]:
    out = []
    for _ in range(rng.randint(0, 3)):
        first = start + dt.timedelta(days=rng.randint(0, 330))
        out.append(
            Absence(
                first,
                first + dt.timedelta(days=rng.randint(0, 9)),
                rng.choice(["Holiday", "Conference", "Training", ""]),
            )
        )
    return tuple(sorted(out, key=lambda a: a.start))


def demo_members(rng: random.Random, size: str, today: dt.date) -> list[Member]:
    year_start = today - dt.timedelta(days=150)
    members = []
    for i, (name, role, zone, (h0, h1), skills, goals) in enumerate(SMALL_TEAM):
        members.append(
            Member(
                name=name,
                role=role,
                email=f"{name.split()[0].lower()}@example.org" if name.isascii() else None,
                timezone=zone,
                work_start=dt.time(h0),
                work_end=dt.time(h1),
                skills=skills,
                goals=goals,
                start_date=today - dt.timedelta(days=90 + 97 * i),
                absences=_absences(rng, year_start),
                notes="Culture guardian this quarter." if name == "Aroha Ngata" else "",
            )
        )
    if size == "large":
        names = {m.name for m in members}
        pool = SCRIPT_NAMES + [f"{g} {f}" for g in GIVEN for f in FAMILY]
        rng.shuffle(pool)
        for name in pool:
            if len(members) >= 60:
                break
            if name in names:
                continue
            names.add(name)
            h0 = rng.choice([7, 8, 9, 10])
            members.append(
                Member(
                    name=name,
                    role=rng.choice(ROLES),
                    timezone=rng.choice(ZONES),
                    work_start=dt.time(h0),
                    work_end=dt.time(h0 + 8),
                    skills=tuple(rng.sample(SKILLS, 3)),
                    goals=tuple(rng.sample(SKILLS, 2)),
                    start_date=today - dt.timedelta(days=rng.randint(30, 2000)),
                    absences=_absences(rng, year_start),
                )
            )
    return members


def populate(team: TeamFile, rng: random.Random, size: str) -> None:
    RosterService(team).add_many(demo_members(rng, size, dt.date.today()))
