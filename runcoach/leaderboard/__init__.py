"""Leaderboards: weekly or monthly totals among athletes who opted in."""
