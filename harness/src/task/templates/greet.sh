#!/usr/bin/env bash
# Prints a greeting for the name given as $1.
name="$1"
