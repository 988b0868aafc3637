"""Stage 3, generating pages: one module per kind (its page and its listing), the home page's blocks, the site's page plan."""
