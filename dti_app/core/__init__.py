"""The core: criteria, units, import, scoring, ranking, exports. No Qt here, ever."""
