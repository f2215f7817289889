"""The document library: reading, normalising and structuring policy texts and cases."""
