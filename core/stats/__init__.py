"""Statistics over context data and reviews."""
