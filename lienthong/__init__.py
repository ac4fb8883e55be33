"""LienThong: a provincial e-government platform (chính quyền điện tử)."""
