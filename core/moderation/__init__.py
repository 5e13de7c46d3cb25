"""Choosing which submitted reviews are moderated: the risk rules, the seeded draw, and the
facts they read. Writing the decision is ``peerqa.services.sampling``'s job."""
