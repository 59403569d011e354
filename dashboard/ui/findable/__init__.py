"""What search engines and link previews read: robots.txt, the sitemap, each page's
canonical address, language alternates, description and preview tags, the preview image,
and a 404 for paths that are not pages."""
