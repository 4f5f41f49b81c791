"""The document file: schema, migrations, repositories. The only package that speaks SQL."""
