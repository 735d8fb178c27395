//! The XHTML body serializer shared by the EPUB and HTML writers.
