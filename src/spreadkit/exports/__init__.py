"""Reports rendered to text, one module per format; none of them touches files or terminals."""
