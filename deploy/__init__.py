"""Run the app as N Streamlit replicas behind HAProxy: see serve.py."""
