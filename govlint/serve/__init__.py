"""``govlint serve``: a local web page where a person drops reports and reads the HTML report.

``app.py`` is the WSGI application (Werkzeug parses the requests), ``run.py``
serves it with waitress, a production WSGI server. Both come with the
``web`` extra (``pip install 'govlint[web]'``).
"""
