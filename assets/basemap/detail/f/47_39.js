window.MapviewerBasemapDetail.add('f/47_39',JSON.parse('{"land":[[[9853,3671,21,5,17,-10,-18,-26,-53,-13,8,30,25,14]]],"x0":8.0,"y0":66.0,"q":0.0004}'));
