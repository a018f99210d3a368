"""Insights: is support mutual?  Reciprocity, the help network, blockers, rituals and
anonymous psychological-safety surveys, computed from plain dataclasses.

Pure measures live in the submodules (``events``, ``exchanges``, ``reciprocity``,
``network``, ``blockers``, ``survey``, ``measures``); ``service.InsightsService`` reads a
team file and hands them detached data.
"""
