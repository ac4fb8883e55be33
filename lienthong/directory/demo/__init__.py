"""Demo data: the province of Vĩnh Long as it is since 1 Jul 2025 (``manage.py load_demo``).

``vinh_long`` holds the data, ``people`` the invented demo persons, ``loader`` writes them through
the directory and accounts services. What is real and what is invented: docs/demo-province.md.
"""
