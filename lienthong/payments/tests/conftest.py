from lienthong.dossiers.tests.conftest import world  # noqa: F401  (the one-stop test world)
