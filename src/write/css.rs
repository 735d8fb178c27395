//! The stylesheet shared by the EPUB and HTML writers.
