window.MapviewerBasemapDetail.add('f/59_20',JSON.parse('{"land":[[[647,7149,26,51,46,25,-12,-55,-26,-54,-63,-98,29,131]]],"x0":56.0,"y0":-10.0,"q":0.0004}'));
