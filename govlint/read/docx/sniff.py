"""Is it a .docx (or another ZIP): from the first bytes, without loading the reader's stages."""

ZIP_MAGIC = b"PK\x03\x04"
